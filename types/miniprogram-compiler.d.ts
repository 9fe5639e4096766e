/** WeChat's official template compilers (wcc, wcsc) wrapped for Node; used by the mini-program tests. */
declare module 'miniprogram-compiler' {
  interface CompilerOptions {
    maxBuffer?: number
    wxmlList?: string[]
    wxsList?: string[]
    wxssList?: string[]
  }
  /** JavaScript source of a function body that returns `$gwx`. */
  export function wxmlToJs(rootPath: string, options?: CompilerOptions): string
  /** JavaScript source of a function body that returns `(file) => style`. */
  export function wxssToJs(rootPath: string, options?: CompilerOptions): string
}

/** The wcsc wrapper: compiled styles by file (`./path.wxss`), or the compiler's error (returned, not thrown). */
declare module 'miniprogram-compiler/src/wcsc' {
  function wcsc(rootPath: string, files: string[], options?: { maxBuffer?: number }): Record<string, string> | Error
  export default wcsc
}
