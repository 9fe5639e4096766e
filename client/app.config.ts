export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/messages/index',
    'pages/profile/index',
    'pages/login/index',
    'pages/setup/index',
    'pages/profile/edit',
    'pages/invite/redeem',
    'pages/admin/invites',
    // Public: the QR on a reopening plate opens it, without login.
    'pages/verify/index',
  ],
  subPackages: [
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
      ],
    },
    // Street console: dashboard, figure lists, Excel ledgers; administration of places, accounts, audit log.
    { root: 'pages/stats', pages: ['dashboard', 'list', 'ledger'] },
    { root: 'pages/manage', pages: ['index', 'places', 'accounts', 'audit'] },
    // 跑腿代购: request form, my requests, detail, butler queue, reimbursement ledger, grid oversight.
    { root: 'pages/errand', pages: ['new', 'mine', 'detail', 'queue', 'ledger', 'grid'] },
  ],
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
