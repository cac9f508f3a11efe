/** The console's look: Ant Design with a deep 人大 red as the accent, calm neutrals elsewhere. */
import type { ThemeConfig } from 'antd';

export const BRAND_RED = '#a61b29';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_RED,
    colorInfo: '#1f5fa8',
    colorLink: '#1f5fa8',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: '#f3f4f6',
  },
  components: {
    Layout: { siderBg: '#1e2330', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px', footerBg: 'transparent' },
    Menu: { darkItemBg: '#1e2330', darkSubMenuItemBg: '#181c27', darkItemSelectedBg: BRAND_RED },
    Table: { headerBg: '#f7f8fa' },
  },
};
