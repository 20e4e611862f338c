#!/usr/bin/env node
// The browser test (scripts/test-browser.sh): headless Chromium, the system's own (CHROMIUM),
// driven by playwright-core, buys in each example shop: the shop's checkout, the sandbox's
// checkout page (its signature check passed, the duplicate fault ticked), Pay, the shop's
// verified return page, and its order page once the notification has paid the order.
// Screenshots of each step go to SCREENSHOTS. A JavaScript error, a failed request or an HTTP
// error on any page fails the shop.
//
//   CHROMIUM=/path/to/chromium SCREENSHOTS=dir node shops.js STACK_ENV
//   (STACK_ENV: the addresses scripts/stack.sh wrote)
//
// Prints one line per checked fact and "test-browser: N passed, M failed".
'use strict'

const fs = require('node:fs')
const path = require('node:path')
const { chromium } = require('playwright-core')

const env = Object.fromEntries(
  fs
    .readFileSync(process.argv[2], 'utf8')
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
)
const screenshots = process.env.SCREENSHOTS || 'screenshots'
let passed = 0
let failed = 0

function check(fact, ok, detail) {
  if (ok) passed++
  else failed++
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${fact}${ok ? '' : `\n     ${detail}`}`)
}

// Each shop: open it and check out, until the browser is on the sandbox's checkout page.
const SHOPS = {
  async django(page) {
    await page.goto(`${env.DJANGO_URL}/`)
    await page.getByRole('button', { name: 'Place order' }).click()
    await page.waitForURL(/\/orders\//)
    await page.getByRole('link', { name: 'Pay with Alipay' }).click()
  },
  async express(page) {
    await page.goto(`${env.EXPRESS_URL}/`)
    await page.getByRole('button', { name: 'Pay with Alipay' }).click()
    // The example's checkout answers JSON with the signed URL (its front end would follow it).
    await page.waitForURL(/\/checkout$/)
    const { payUrl } = JSON.parse(await page.locator('body').innerText())
    await page.goto(payUrl)
  },
  async php(page) {
    await page.goto(`${env.PHP_URL}/`)
    await page.getByRole('button', { name: /Buy with Alipay/ }).click()
  },
}

// What each shop's return page shows once it has verified Alipay's signed return.
const VERIFIED = { django: '#status', express: 'text=/^Order \\S+ \\(/', php: '.verified' }

// Each shop's order page, and what it shows once the notification has marked the order paid.
const ORDER_PAGE = {
  django: (no) => [`${env.DJANGO_URL}/orders/${no}/`, '#status', /^paid$/],
  express: (no) => [`${env.EXPRESS_URL}/orders/${no}`, 'body', /"status":\s*"PAID"/],
  php: (no) => [`${env.PHP_URL}/order.php?out_trade_no=${no}`, 'td.status', /^paid$/],
}

// Reloads the order page until it shows the order paid (the notification arrives on its own
// schedule, after or before the return).
async function waitForPaid(page, no, shop) {
  const [url, selector, paid] = ORDER_PAGE[shop](no)
  for (let i = 0; i < 50; i++) {
    await page.goto(url)
    if (paid.test((await page.locator(selector).first().innerText()).trim())) return true
    await page.waitForTimeout(200)
  }
  return false
}

async function buy(browser, shop) {
  const problems = []
  const page = await browser.newPage()
  page.setDefaultTimeout(15000)
  page.on('pageerror', (error) => problems.push(`JavaScript error: ${error.message}`))
  page.on('console', (message) => {
    // Chromium asks every site for /favicon.ico by itself; no page here links one.
    const favicon = new URL(message.location().url || 'about:blank').pathname === '/favicon.ico'
    if (message.type() === 'error' && !favicon) problems.push(`console error: ${message.text()} (${message.location().url})`)
  })
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} (${request.failure()?.errorText})`))
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`)
  })
  const shot = (step) => page.screenshot({ path: path.join(screenshots, `${shop}-${step}.png`), fullPage: true })
  try {
    await SHOPS[shop](page)
    await page.waitForURL((url) => url.href.startsWith(env.GATEWAY))
    await shot('1-sandbox-checkout')
    const signed = await page.locator('p.ok').count()
    check(`${shop}: checkout reaches the sandbox's checkout page, request signature verified`, signed === 1, page.url())
    await page.locator('input[name=duplicate]').check()
    await page.locator('#pay').click()
    await page.waitForURL((url) => !url.href.startsWith(env.SANDBOX_URL))
    await page.locator(VERIFIED[shop]).first().waitFor()
    await shot('2-return-verified')
    check(`${shop}: Pay lands on the shop's verified return page`, true)
    const no = await page.evaluate(() => new URLSearchParams(location.search).get('out_trade_no'))
    const paid = await waitForPaid(page, no, shop)
    await shot('3-order-paid')
    check(`${shop}: the shop's order page shows the order paid (the notification verified)`, paid, page.url())
  } catch (error) {
    await shot('error').catch(() => {})
    check(`${shop}: the purchase in the browser`, false, `${error.message.split('\n')[0]} (at ${page.url()})`)
  }
  check(`${shop}: no JavaScript error, failed request or HTTP error`, problems.length === 0, problems.join('; '))
  await page.close()
}

async function main() {
  fs.mkdirSync(screenshots, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    // Root (CI) has no user namespaces for Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  })
  try {
    for (const shop of Object.keys(SHOPS)) await buy(browser, shop)
  } finally {
    await browser.close()
  }
}

main()
  .catch((error) => check('the browser', false, error.message))
  .finally(() => {
    console.log(`test-browser: ${passed} passed, ${failed} failed (screenshots in ${screenshots})`)
    process.exitCode = failed ? 1 : 0
  })
