import { FunctionError, FunctionHost, type CallerIdentity } from './host'

/**
 * One function instance process (workers.ts): hosts every function of the folder it is given, in this process, and
 * answers the platform's calls over IPC with each call's answer and the trips its code made.
 */
const [root, envId] = process.argv.slice(2) as [string, string]
const host = new FunctionHost(root, envId)

type Message = { id: number; name: string; event: unknown; identity: CallerIdentity } | { ping: number }

process.on('message', (call: Message) => {
  // The platform asks whether this instance's event loop still turns (workers.ts, after a timeout).
  if ('ping' in call) return void process.send!({ pong: call.ping })
  // The platform's clock for the call's time limit starts when the code runs, not while the instance starts.
  const started = () => process.send!({ id: call.id, started: true })
  host.invokeCounted(call.name, call.event, call.identity, started).then(
    ({ result, trips }) => process.send!({ id: call.id, result, trips }),
    (e: unknown) =>
      process.send!({
        id: call.id,
        error: {
          code: e instanceof FunctionError ? e.code : 'FUNCTION_CRASHED',
          message: e instanceof Error ? e.message : String(e),
        },
      }),
  )
})
// The platform's end of the channel closed (the server stopped): this instance goes with it.
process.on('disconnect', () => process.exit(0))
