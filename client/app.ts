import type { PropsWithChildren } from 'react'
import './styles/nutui'
import './app.scss'
import { hasSession, initCloud } from './services/cloud'
import { PAGES } from '../shared/routes'
import { startOfflineQueue } from './services/offlineQueue'

// The desktop picker dialog (components/AppPicker.tsx) opens only in a wide browser window: its styles stay
// out of the mini-program's main package (Taro's conditional compilation drops this branch there). So does the
// desktop root size (styles/wide.scss), which every page with a wide layout needs, whichever is opened first.
if (process.env.TARO_ENV === 'h5') {
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('./styles/picker.scss')
  require('./styles/wide.scss')
  /* eslint-enable @typescript-eslint/no-require-imports */
}

// H5: someone not signed in who opens the app's address (or home) starts on the login page rather than loading
// home only to be sent on (on a slow phone, rendering a page costs a visible moment). Runs before Taro's router
// reads the address.
if (process.env.TARO_ENV === 'h5' && !hasSession()) {
  const route = window.location.hash.split('?')[0]
  if (route === '' || route === '#/' || route === `#${PAGES.home}`)
    window.history.replaceState(window.history.state, '', `#${PAGES.login}`)
}

// The mini-program binds wx.cloud once, before any page calls a function.
initCloud()
// What was made without a network and waits on this device goes out as soon as it can.
startOfflineQueue()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
