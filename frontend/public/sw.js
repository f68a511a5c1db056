/* Mend's service worker: shows the neutral notification a push carries, and opens Mend on click.
   The text comes from the server and is always the same few words; nothing here reads a record. */
self.addEventListener('push', (event) => {
  let message = { title: 'Mend', body: 'A gentle reminder you asked for.', url: '/' }
  try {
    if (event.data) message = { ...message, ...event.data.json() }
  } catch {
    // A payload that isn't JSON still shows the neutral words.
  }
  event.waitUntil(self.registration.showNotification(message.title, { body: message.body, data: { url: message.url } }))
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const url = (event.notification.data && event.notification.data.url) || '/'
  event.waitUntil(self.clients.openWindow(url))
})
