import { logOutAction } from '../actions/auth.actions';

export function LogOutButton() {
  return (
    <form action={logOutAction}>
      <button type="submit" className="button-link">
        Log out
      </button>
    </form>
  );
}
