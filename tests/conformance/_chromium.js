// Shared by the Chromium probes: loads npm playwright-core from QB_NODE (default /tmp/qb-node)
// and launches Debian's Chromium (QB_CHROMIUM, default /usr/bin/chromium) headless and offline:
// no name resolves and every request would go to a dead proxy, even one that slipped past a
// probe's own routing.
const path = require('path');

const base = process.env.QB_NODE || '/tmp/qb-node';
const chromePath = process.env.QB_CHROMIUM || '/usr/bin/chromium';

// playwright-core, or a JSON line `{...extra, ok: false, fatal}` and exit 3 (could not run).
function playwright(extra = {}) {
  try {
    return require(path.join(base, 'node_modules', 'playwright-core'));
  } catch (e) {
    console.log(JSON.stringify({ ...extra, ok: false, fatal: `cannot load playwright-core from ${base}: ${e.message}` }));
    process.exit(3);
  }
}

// The installed playwright-core's version.
function playwrightVersion() {
  return require(path.join(base, 'node_modules', 'playwright-core', 'package.json')).version;
}

// A headless Chromium that cannot reach the network.
function launchOffline(pw) {
  return pw.chromium.launch({
    executablePath: chromePath, headless: true,
    args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
           '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>',
           '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
}

module.exports = { playwright, playwrightVersion, launchOffline };
