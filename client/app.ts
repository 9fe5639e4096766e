import type { PropsWithChildren } from 'react'
import './styles/nutui'
import './app.scss'
import { initCloud } from './services/cloud'

// The mini-program binds wx.cloud once, before any page calls a function.
initCloud()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
