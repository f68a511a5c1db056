import { Link, useLocation } from 'wouter'
import { Page } from '../../components/page'
import { RegisterForm } from '../../features/auth/components/register-form'

export function RegisterPage() {
  const [, navigate] = useLocation()
  return (
    <Page
      title="Create your account"
      intro={
        <p>
          Each person has their own account. Nothing you write is shared beyond what your role and your own choices
          allow, and you can leave, take your data and delete your account at any time.
        </p>
      }
    >
      <section className="card narrow" aria-label="Create your account">
        <RegisterForm onDone={() => navigate('/check-inbox')} />
        <p>
          Already have an account? <Link href="/login">Log in</Link>
        </p>
      </section>
    </Page>
  )
}
