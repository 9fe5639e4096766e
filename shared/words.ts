/**
 * Plain words. The work has a few terms it cannot do without; each keeps one name, and where a shop owner or a
 * resident first meets it the page says in one line what it means (components/TermNote.tsx, or the field's
 * hint; 交接码 and 加入码 are explained on the errand's code card and in the declaration). The words the app
 * no longer uses — a second name for one thing, anything about the project rather than the work — are
 * checked for in the built app by tests/e2e/words.e2e.test.ts.
 */
export const TERMS = {
  三方承诺: '企业、社区、复工责任人三方各签一份防疫承诺，三方签完就能复工',
  社区: '城市里是社区居委会，农村里是村委会',
  复工责任人: '企业指定的防疫负责人，一般就是填报的安全员',
  回头看: '复工以后，街道和社区工作人员上门复查防疫做得怎么样',
  网格: '社区分成的片区，每片有一位网格员负责',
  台账: '按规定要留存的登记表，可以导出成 Excel 表格',
  规上企业: '年营业收入2000万元及以上的企业',
  规下企业: '年营业收入不到2000万元的企业',
} as const

export type Term = keyof typeof TERMS
