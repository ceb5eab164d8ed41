import { useMutation } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { LoginDocument, RegisterDocument } from "../../../__generated__/web/graphql";
import { withNext } from "../guest";
import { Link } from "../Link";
import { saveSession } from "../session";
import { errorMessage } from "./errors";

/** Registers, then signs in (registering answers the same for new and taken addresses, without a session). */
export function Register() {
  const [register, { loading: registering }] = useMutation(RegisterDocument);
  const [login, { loading: signingIn }] = useMutation(LoginDocument);
  const [problem, setProblem] = useState<string>();
  const [message, setMessage] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    setProblem(undefined);
    try {
      const registered = await register({
        variables: { input: { email, password, displayName: String(form.get("displayName")) } },
      });
      setMessage(registered.data?.register.message);
      const { data } = await login({ variables: { input: { email, password } } });
      const result = data?.login;
      if (result?.__typename === "AuthPayload")
        saveSession({ accessToken: result.accessToken, refreshToken: result.refreshToken, user: result.user });
      else setProblem("Check your email, then sign in.");
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <section aria-labelledby="register-title" className="narrow">
      <h1 id="register-title">Create an account</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="displayName">Your name</label>
        <input id="displayName" name="displayName" autoComplete="name" required />
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          aria-describedby="password-hint"
        />
        <p id="password-hint" className="hint">
          10 to 128 characters, hard to guess: a passphrase of four or more unrelated words works well.
        </p>
        {message && <p role="status">{message}</p>}
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={registering || signingIn}>
          Create account
        </button>
      </form>
      <p>
        Already registered? <Link to={withNext("/sign-in")}>Sign in</Link>
      </p>
    </section>
  );
}
