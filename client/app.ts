import type { PropsWithChildren } from 'react'
import './styles/nutui'
import './app.scss'
import { initCloud } from './services/cloud'
import { startOfflineQueue } from './services/offlineQueue'

// The mini-program binds wx.cloud once, before any page calls a function.
initCloud()
// What was made without a network and waits on this device goes out as soon as it can.
startOfflineQueue()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
