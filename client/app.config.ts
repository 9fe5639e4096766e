/**
 * The main package holds only what every person may open first: the three tabs and the first-run setup.
 * Staff-only and occasional pages live in subpackages (loaded when first opened), which keeps the main package
 * within its budget (scripts/package-size.ts). The password login page exists only in H5: in the mini-program
 * WeChat is the login.
 */
const IS_WEAPP = process.env.TARO_ENV === 'weapp'

export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/messages/index',
    'pages/profile/index',
    ...(IS_WEAPP ? [] : ['pages/login/index']),
  ],
  subPackages: [
    // First run: who the person is. Preloaded from the home page (preloadRule), so it opens at once.
    { root: 'pages/setup', pages: ['index'] },
    { root: 'pages/account', pages: ['edit', 'password', 'reset', 'my-data'] },
    // Public: the QR on a reopening plate opens it, without login.
    { root: 'pages/verify', pages: ['index'] },
    { root: 'pages/invite', pages: ['redeem'] },
    { root: 'pages/admin', pages: ['invites'] },
    {
      root: 'pages/health',
      pages: ['declare', 'card', 'board', 'history', 'staff', 'key-persons', 'rules'],
    },
    {
      root: 'pages/application',
      pages: [
        'enterprises',
        'enterprise-form',
        'enterprise',
        'list',
        'form',
        'detail',
        'queue',
        'review',
        'commit',
        'plate',
        'inspect',
        'difficulties',
        'find',
        // 健康证 of a shop's staff: here for the subpackage's photo upload.
        'certificates',
        'certificate-staff',
      ],
    },
    // Street console: dashboard, figure lists, Excel ledgers; administration of places, accounts, audit log.
    // The district's summary and its streets live here too (district staff read the streets' figures).
    { root: 'pages/stats', pages: ['dashboard', 'list', 'ledger', 'district'] },
    {
      root: 'pages/manage',
      pages: ['index', 'places', 'accounts', 'audit', 'outbox', 'data', 'streets', 'reporting'],
    },
    // 跑腿代购: request form, my requests, detail, butler queue, reimbursement ledger, grid oversight.
    { root: 'pages/errand', pages: ['new', 'mine', 'detail', 'queue', 'ledger', 'grid'] },
    // 防疫物资: the street's stock and hand-outs, the owner's receipts, help with buying.
    { root: 'pages/supplies', pages: ['stock', 'purchases'] },
    // 企业一日两检: a person's own two checks a day, and the enterprise's board (officer, epidemic team).
    { root: 'pages/onsite', pages: ['mine', 'board'] },
  ],
  // Download these subpackages in the background once the home or profile page is open.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['pages/setup'] },
    'pages/profile/index': { network: 'all', packages: ['pages/account'] },
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f2f5f9',
    navigationBarBackgroundColor: '#1f6fd8',
    navigationBarTitleText: '复工通',
    navigationBarTextStyle: 'white',
    // Explicit so the H5 build renders its title bar too (it hides it when unset).
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#6b7487',
    selectedColor: '#1f6fd8',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tab/messages.png',
        selectedIconPath: 'assets/tab/messages-active.png',
      },
      {
        pagePath: 'pages/profile/index',
        text: '我的',
        iconPath: 'assets/tab/profile.png',
        selectedIconPath: 'assets/tab/profile-active.png',
      },
    ],
  },
})
