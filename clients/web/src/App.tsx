import { useApolloClient } from "@apollo/client";
import { useEffect, useState } from "react";
import { LogoutDocument } from "../../__generated__/web/graphql";
import { Link } from "./Link";
import { navigate, usePath } from "./router";
import { AddPet } from "./screens/AddPet";
import { Approvals } from "./screens/admin/Approvals";
import { Assistant } from "./screens/assistant/Assistant";
import { KnowledgeArticle } from "./screens/assistant/KnowledgeArticle";
import { ClinicDesk } from "./screens/clinic/ClinicDesk";
import { Conversation } from "./screens/chat/Conversation";
import { Conversations } from "./screens/chat/Conversations";
import { StartConversation } from "./screens/chat/StartConversation";
import { Cart } from "./screens/shop/Cart";
import { Order } from "./screens/shop/Order";
import { Product } from "./screens/shop/Product";
import { Shop } from "./screens/shop/Shop";
import { ClinicPage } from "./screens/booking/ClinicPage";
import { Clinics } from "./screens/booking/Clinics";
import { MyBookings } from "./screens/booking/MyBookings";
import { NotificationBell } from "./screens/booking/NotificationBell";
import { MyPets } from "./screens/MyPets";
import { PetDetail } from "./screens/PetDetail";
import { Register } from "./screens/Register";
import { SignIn } from "./screens/SignIn";
import { RoleLinks } from "./RoleLinks";
import { Sell } from "./screens/vendor/Sell";
import { isGuestPath, pathAfterSignIn } from "./guest";
import { currentSession, onSessionChange, saveSession, type Session } from "./session";

function useSession(): Session | null {
  const [session, setSession] = useState(currentSession);
  useEffect(() => onSessionChange(setSession), []);
  return session;
}

export function App() {
  const session = useSession();
  const path = usePath();
  const client = useApolloClient();

  useEffect(() => {
    const signedOutOnly = path === "/sign-in" || path === "/register";
    if (!session && !signedOutOnly && !isGuestPath(path)) navigate("/sign-in");
    if (session && signedOutOnly) navigate(pathAfterSignIn());
  }, [session, path]);

  async function signOut() {
    const refreshToken = session?.refreshToken;
    saveSession(null);
    await client.clearStore();
    if (refreshToken)
      await client.mutate({ mutation: LogoutDocument, variables: { input: { refreshToken } } }).catch(() => undefined);
  }

  let screen;
  const petMatch = /^\/pets\/([^/]+)$/.exec(path);
  const conversationMatch = /^\/messages\/([^/]+)$/.exec(path);
  const messageClinicMatch = /^\/clinics\/([^/]+)\/message$/.exec(path);
  const productMatch = /^\/shop\/products\/([^/]+)$/.exec(path);
  const orderMatch = /^\/orders\/([^/]+)$/.exec(path);
  const clinicMatch = /^\/clinics\/([^/]+)$/.exec(path);
  const assistantMatch = /^\/assistant(?:\/([^/]+))?$/.exec(path);
  const knowledgeMatch = /^\/knowledge\/([^/]+)$/.exec(path);
  const clinicDeskMatch = /^\/clinic(?:\/([^/]+))?$/.exec(path);
  if (!session && !isGuestPath(path)) screen = path === "/register" ? <Register /> : <SignIn />;
  else if (path === "/pets/new") screen = <AddPet />;
  else if (petMatch) screen = <PetDetail id={decodeURIComponent(petMatch[1]!)} />;
  else if (path === "/clinics") screen = <Clinics />;
  else if (clinicMatch) screen = <ClinicPage id={decodeURIComponent(clinicMatch[1]!)} />;
  else if (path === "/bookings") screen = <MyBookings />;
  else if (path === "/messages") screen = <Conversations />;
  else if (conversationMatch) screen = <Conversation id={decodeURIComponent(conversationMatch[1]!)} />;
  else if (path === "/shop") screen = <Shop />;
  else if (productMatch) screen = <Product id={decodeURIComponent(productMatch[1]!)} />;
  else if (path === "/cart") screen = <Cart />;
  else if (orderMatch) screen = <Order id={decodeURIComponent(orderMatch[1]!)} />;
  else if (messageClinicMatch) screen = <StartConversation clinicId={decodeURIComponent(messageClinicMatch[1]!)} />;
  else if (path === "/sell" || path.startsWith("/sell/")) screen = <Sell path={path} />;
  else if (path === "/admin") screen = <Approvals />;
  else if (assistantMatch)
    screen = <Assistant threadId={assistantMatch[1] ? decodeURIComponent(assistantMatch[1]) : undefined} />;
  else if (knowledgeMatch) screen = <KnowledgeArticle id={decodeURIComponent(knowledgeMatch[1]!)} />;
  else if (clinicDeskMatch)
    screen = <ClinicDesk clinicId={clinicDeskMatch[1] ? decodeURIComponent(clinicDeskMatch[1]) : undefined} />;
  else screen = <MyPets />;

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="bar">
        <span className="brand">Pawgraph</span>
        <nav aria-label="Main">
          {session ? (
            <>
              <Link to="/">My pets</Link>
              <Link to="/messages">Messages</Link>
              <Link to="/shop">Shop</Link>
              <Link to="/clinics">Find a clinic</Link>
              <Link to="/bookings">My bookings</Link>
              <Link to="/assistant">Assistant</Link>
              <RoleLinks />
              <NotificationBell />
              <span className="who">{session.user.displayName}</span>
              <button type="button" className="link" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          ) : (
            <>
              <Link to="/shop">Shop</Link>
              <Link to="/cart">Cart</Link>
              <Link to="/sign-in">Sign in</Link>
              <Link to="/register">Register</Link>
            </>
          )}
        </nav>
      </header>
      <main id="main">{screen}</main>
    </>
  );
}
