/**
 * In the mini-program WeChat is the login: there is nothing to log out of, so nothing is shown (and the
 * confirmation dialog stays out of the main package). The H5 build uses Logout.h5.tsx instead (Taro picks the
 * file by platform).
 */
export function Logout(): null {
  return null
}
