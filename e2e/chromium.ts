// Debian's Chromium: Playwright's own browser downloads cannot run here (no
// network), and are never needed. IMAGE_FACTORY_CHROMIUM points elsewhere.
export const chromiumLaunchOptions = {
  executablePath: process.env.IMAGE_FACTORY_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
