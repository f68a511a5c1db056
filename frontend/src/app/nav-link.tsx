import type { ReactNode } from 'react'
import { Link, useLocation } from 'wouter'

/** A navigation link that tells assistive technology when it is the current page. */
export function NavLink({ href, children, exact = false }: { href: string; children: ReactNode; exact?: boolean }) {
  const [location] = useLocation()
  const current = exact ? location === href : location === href || location.startsWith(`${href}/`)
  return (
    <Link href={href} className="nav__link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  )
}
