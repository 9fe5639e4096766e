/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.jpg' {
  const src: string
  export default src
}
declare module '*.svg' {
  const src: string
  export default src
}
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Current build platform, replaced at build time by Taro. */
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony'
    /** CloudBase environment id used by Taro.cloud.init in the mini-program. */
    TARO_APP_CLOUD_ENV?: string
    /** H5 only: base URL of the HTTP gateway; empty means same origin. */
    TARO_APP_API_BASE?: string
  }
}
