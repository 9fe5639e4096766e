/**
 * NutUI ships a right-to-left variant of every component's styles (`.nut-rtl …`, `[dir=rtl] …`). 复工通 is in
 * Chinese only, so the mini-program build drops those rules (several KB of the main package's styles).
 */
const RTL = /\.nut-rtl\b|\[dir=["']?rtl["']?\]/

module.exports = () => ({
  postcssPlugin: 'reopen-no-rtl',
  Rule(rule) {
    const kept = rule.selectors.filter((s) => !RTL.test(s))
    if (kept.length === 0) rule.remove()
    else if (kept.length !== rule.selectors.length) rule.selectors = kept
  },
})
module.exports.postcss = true
