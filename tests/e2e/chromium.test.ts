import { npmChromium, launchChromium, mergeArgs } from '../helpers/browser';

/**
 * The admin test runs in whichever Chromium findChromium() finds (Debian's on CI). This one
 * always starts the Chromium from npm, so that path is exercised on every machine, CI included.
 */
test('the Chromium from npm starts here and renders Chinese text into the DOM', async () => {
  const binary = await npmChromium();
  expect(binary.args.filter((arg) => arg.startsWith('--headless'))).toEqual(['--headless']);
  const browser = await launchChromium(binary);
  try {
    expect(browser.version()).toMatch(/^138\./);
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.setContent('<h1>打破镇域行政边界 撬动区域平衡发展</h1>');
    expect(await page.locator('h1').innerText()).toBe('打破镇域行政边界 撬动区域平衡发展');
  } finally {
    await browser.close();
  }
});

test('our switches replace the package\'s switch of the same name and keep its others', () => {
  expect(mergeArgs(["--headless='shell'", '--no-zygote', '--disable-features=A'], ['--headless', '--disable-features=B'])).toEqual([
    '--no-zygote',
    '--headless',
    '--disable-features=B',
  ]);
});
