import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client'
import type { components } from '../../../lib/api-types'

type PushKey = components['schemas']['PushKeyOut']
type Subscription = components['schemas']['SubscriptionOut']

const KEY = ['account', 'push']
const STORED = 'mend-push-subscription-id'

/** GET /account/push-key: the server's VAPID key, or push switched off on this server. */
export function usePushKey() {
  return useQuery({ queryKey: [...KEY, 'key'], queryFn: () => api.get<PushKey>('/account/push-key') })
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const padded = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/')
  const raw = atob(padded)
  const bytes = new Uint8Array(new ArrayBuffer(raw.length))
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i)
  return bytes
}

/** This browser's subscription id, if it subscribed from here. */
export function storedSubscriptionId(): number | null {
  const value = window.localStorage.getItem(STORED)
  return value ? Number(value) : null
}

/** Ask the browser for permission, subscribe it with the server's key, and tell the server. */
export async function subscribeThisBrowser(publicKey: string): Promise<Subscription> {
  const registration = await navigator.serviceWorker.register('/sw.js')
  await navigator.serviceWorker.ready
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(publicKey),
  })
  const saved = await api.post<Subscription>('/account/push-subscriptions', subscription.toJSON())
  window.localStorage.setItem(STORED, String(saved.id))
  return saved
}

/** Stop notifications to this browser, on the server and in the browser. */
export async function unsubscribeThisBrowser(): Promise<void> {
  const id = storedSubscriptionId()
  if (id !== null) await api.delete<void>(`/account/push-subscriptions/${id}`)
  window.localStorage.removeItem(STORED)
  const registration = await navigator.serviceWorker.getRegistration('/sw.js')
  const subscription = await registration?.pushManager.getSubscription()
  await subscription?.unsubscribe()
}

export function usePushSubscription() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async (change: { on: true; publicKey: string } | { on: false }): Promise<void> => {
      if (change.on) await subscribeThisBrowser(change.publicKey)
      else await unsubscribeThisBrowser()
    },
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  })
}
