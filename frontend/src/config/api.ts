/** The API lives on the same origin as the app, under this prefix. */
export const API_BASE = '/api/v1'

/** A neutral page shipped with the app (public/weather.html) that quick exit replaces Mend with. */
export const QUICK_EXIT_URL = '/weather.html'

/** Two presses of Escape within this many milliseconds leave the app. */
export const QUICK_EXIT_WINDOW_MS = 1000
