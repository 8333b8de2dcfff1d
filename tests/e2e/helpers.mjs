// Shared helpers for the end-to-end tests.

/**
 * Serves every page without the data prerendered pages embed, as a host serving only the
 * app shell would: the app then fetches the post index and posts itself, which is the path
 * the network-fault tests exercise.
 */
export async function withoutEmbeddedData(page) {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const body = (await response.text()).replace(/<script id="blog-data"[\s\S]*?<\/script>/, '');
    await route.fulfill({ response, body });
  });
}

/** Fails the test on any uncaught error in the page: a panic in WASM surfaces here. */
export function failOnPageErrors(page) {
  page.on('pageerror', (err) => {
    throw new Error(`uncaught error in the page: ${err.message}`);
  });
}
