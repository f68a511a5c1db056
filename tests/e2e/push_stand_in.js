// A stand-in for the browser vendor's push service, installed before the page's own scripts
// (tests/e2e/test_push.py says why). subscribe() makes what a browser makes for a push
// subscription (a P-256 key pair and a 16-byte auth secret, with WebCrypto) and returns a
// PushSubscription-like object for a local endpoint. The test reads window.mendPushStandIn.
(() => {
  const ENDPOINT = '__ENDPOINT__'
  const b64url = (buffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  let current = null

  PushManager.prototype.subscribe = async function subscribe(options) {
    // As a real browser does: no subscription without the notifications permission.
    if (Notification.permission !== 'granted') throw new DOMException('Permission denied', 'NotAllowedError')
    if (current) return current
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])
    const p256dh = await crypto.subtle.exportKey('raw', pair.publicKey)
    const auth = crypto.getRandomValues(new Uint8Array(16)).buffer
    const keys = { p256dh: b64url(p256dh), auth: b64url(auth) }
    window.mendPushStandIn = {
      applicationServerKey: b64url(options.applicationServerKey),
      privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey),
      keys,
      unsubscribed: false,
    }
    current = {
      endpoint: ENDPOINT,
      expirationTime: null,
      options,
      getKey: (name) => (name === 'p256dh' ? p256dh : name === 'auth' ? auth : null),
      toJSON: () => ({ endpoint: ENDPOINT, expirationTime: null, keys }),
      unsubscribe: async () => {
        current = null
        window.mendPushStandIn.unsubscribed = true
        return true
      },
    }
    return current
  }

  PushManager.prototype.getSubscription = async function getSubscription() {
    return current
  }
})()
