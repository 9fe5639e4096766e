import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { FormFooter } from '../../../components/FormFooter'
import { CloudError, errorMessage } from '../../../services/cloud'
import { errandApi, type Errand } from '../../../services/errand'
import { toast } from '../../../utils/toast'
import { SHEETS, sheetText } from './AssigneeSheets'
import { startingForm, stepCall, EMPTY_STEP, type SheetKind, type StepForm } from './assigneeSteps'
import { ErrandSheet } from './ErrandSheet'
import { nextStepLabel } from './labels'

/** What happened, so the page can refresh the right list. */
export type ActionOutcome = 'claimed' | 'advanced' | 'confirmed' | 'released' | 'gone'

/** The one big button an assignee sees on a request, by its state. */
export function primaryLabel(e: Errand): string | undefined {
  if (e.status === 'delivered') return '核对交接码'
  return nextStepLabel(e)
}

/**
 * The assignee's steps, shared by the queue and the detail page: claim; the ONE next-step button (开始采购
 * at once; 开始配送 asks for the amount and the receipt photo; 已送达 for the photo at the door and how it is
 * settled); the handoff code read out by the resident; and handing a request back with a reason.
 */
export function useAssigneeActions(onDone: (outcome: ActionOutcome, errand?: Errand) => void): {
  claim: (e: Errand) => Promise<void>
  next: (e: Errand) => void
  release: (e: Errand) => void
  busyId: string
  sheets: ReactNode
} {
  const [sheet, setSheet] = useState<{ kind: SheetKind; errand: Errand } | null>(null)
  const [visible, setVisible] = useState(false)
  const [form, setForm] = useState<StepForm>(EMPTY_STEP)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [busyId, setBusyId] = useState('')

  const open = useCallback((kind: SheetKind, errand: Errand) => {
    setSheet({ kind, errand })
    setForm(startingForm(errand))
    setError('')
    setVisible(true)
  }, [])
  const close = useCallback(() => setVisible(false), [])
  const set = <K extends keyof StepForm>(k: K, v: StepForm[K]) => setForm((f) => ({ ...f, [k]: v }))

  // A refusal on screen follows the form: "请先填写：…" names only what is still missing as things are added,
  // and goes once nothing is.
  const shownError = useRef(error)
  shownError.current = error
  useEffect(() => {
    if (!sheet || !shownError.current) return
    const call = stepCall(sheet.kind, sheet.errand, form)
    setError('error' in call ? call.error : '')
  }, [form, sheet])

  const claim = useCallback(
    async (e: Errand) => {
      if (busyId) return
      setBusyId(e._id)
      try {
        const { errand } = await errandApi.claim(e._id)
        toast.success(e.category === 'psych' ? '已接单，请尽快联系' : '认领成功，请尽快采购')
        onDone('claimed', errand)
      } catch (err) {
        const code = err instanceof CloudError ? err.code : ''
        if (code === 'ERRAND_TAKEN') toast.fail('已被其他管家认领')
        else toast.fail(errorMessage(err))
        if (code === 'ERRAND_TAKEN' || code === 'ERRAND_CLOSED' || code === 'NOT_FOUND') onDone('gone')
      } finally {
        setBusyId('')
      }
    },
    [busyId, onDone],
  )

  const next = useCallback(
    (e: Errand) => {
      if (e.status === 'delivered') return open('code', e)
      if (e.category === 'psych') return open('psych', e)
      if (e.status === 'purchasing') return open('buy', e)
      if (e.status === 'delivering') return open('drop', e)
      if (e.status !== 'claimed' || busyId) return
      setBusyId(e._id)
      errandApi
        .advance({ errandId: e._id, to: 'purchasing' })
        .then(({ errand }) => {
          toast.success('已开始采购')
          onDone('advanced', errand)
        })
        .catch((err: unknown) => toast.fail(errorMessage(err)))
        .finally(() => setBusyId(''))
    },
    [busyId, onDone, open],
  )

  const release = useCallback((e: Errand) => open('release', e), [open])

  const submit = async () => {
    if (!sheet || busy) return
    const e = sheet.errand
    setError('')
    const call = stepCall(sheet.kind, e, form)
    if ('error' in call) return setError(call.error)
    setBusy(true)
    try {
      if (call.action === 'advance') {
        const { errand } = await errandApi.advance(call.input)
        toast.success(call.success)
        onDone('advanced', errand)
      } else if (call.action === 'confirm') {
        const { errand } = await errandApi.confirm(e._id, call.code)
        toast.success('交接完成')
        onDone('confirmed', errand)
      } else {
        await errandApi.release(e._id, call.reason)
        toast.success('已退回，需求重新排队')
        onDone('released')
      }
      setVisible(false)
    } catch (err) {
      const code = err instanceof CloudError ? err.code : ''
      setError(errorMessage(err))
      if (code === 'ERRAND_CODE_LOCKED') {
        setVisible(false)
        toast.fail(errorMessage(err))
        onDone('gone')
      }
    } finally {
      setBusy(false)
    }
  }

  // Reset a leftover error when the sheet closes.
  useEffect(() => {
    if (!visible) setError('')
  }, [visible])

  const text = sheet ? sheetText(sheet.kind, sheet.errand) : undefined
  const Body = sheet ? SHEETS[sheet.kind] : undefined
  const sheets = (
    <ErrandSheet
      visible={visible}
      title={text?.title ?? ''}
      description={text?.description}
      onClose={close}
      testId={`sheet-${sheet?.kind ?? 'none'}`}
    >
      {sheet && Body && text ? (
        <>
          <Body errand={sheet.errand} form={form} set={set} />
          <FormFooter
            error={error}
            busy={busy}
            label={text.submit}
            onSubmit={() => void submit()}
            danger={sheet.kind === 'release'}
            inline
          />
        </>
      ) : null}
    </ErrandSheet>
  )
  return { claim, next, release, busyId, sheets }
}
