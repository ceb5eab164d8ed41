import { useMutation } from "@apollo/client";
import { useState, type FormEvent } from "react";
import { LoginDocument } from "../../../__generated__/web/graphql";
import { withNext } from "../guest";
import { Link } from "../Link";
import { saveSession } from "../session";
import { errorMessage } from "./errors";

export function SignIn({ notice }: { notice?: string }) {
  const [login, { loading }] = useMutation(LoginDocument);
  const [problem, setProblem] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setProblem(undefined);
    try {
      const { data } = await login({
        variables: { input: { email: String(form.get("email")), password: String(form.get("password")) } },
      });
      const result = data?.login;
      if (result?.__typename === "AuthPayload")
        saveSession({ accessToken: result.accessToken, refreshToken: result.refreshToken, user: result.user });
      else if (result?.__typename === "MfaRequired")
        setProblem("This account uses two-factor sign-in, which the web app does not support yet.");
      else setProblem(result?.message ?? "Sign-in failed.");
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  return (
    <section aria-labelledby="sign-in-title" className="narrow">
      <h1 id="sign-in-title">Sign in</h1>
      {notice && <p role="status">{notice}</p>}
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <button type="submit" disabled={loading}>
          Sign in
        </button>
      </form>
      <p>
        New here? <Link to={withNext("/register")}>Create an account</Link>
      </p>
    </section>
  );
}
