/** The first thing a new account reads: device safety, quick exit, and where help is. */
export function SafetyNote() {
  return (
    <div className="stack">
      <div className="notice notice--warm">
        <h2 className="notice__title">Is this device safe to use?</h2>
        <p>
          If someone who could hurt you might see this phone or computer, or has access to its accounts, please use a
          device they can’t reach, such as a trusted friend’s or a library computer, and an email address only you can
          read.
        </p>
      </div>
      <h2>Leaving quickly</h2>
      <p>
        The <strong>Quick exit</strong> button at the top of every page, or pressing <kbd>Esc</kbd> twice, replaces
        Mend at once with a weather page and logs you out. The back button won’t bring Mend back.
      </p>
      <h2>What stays on this device</h2>
      <p>
        When you log out or leave quickly, what you were looking at is gone from this device. Words you are still
        writing are kept in this browser tab only, so a quick exit never loses them: they come back only after you log
        in again, and they are gone once you send them, log out, or close the tab.
      </p>
    </div>
  )
}
