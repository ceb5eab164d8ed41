import { InviteCoOwnerDocument } from "../clients/__generated__/graphql";
import { execute, uniqueEmail, type Stack } from "./harness";

/**
 * The pet invitations side of the authorization sweep: A invites someone (neither A nor B) to co-own
 * A's pet, so B's calls on that invitation are on another user's entity (e2e/authorization-sweep.fixtures.ts).
 */
export async function buildInvitationSweep(stack: Stack, ownerToken: string, petId: string) {
  const invited = await execute(
    stack.gateway.url,
    InviteCoOwnerDocument,
    { input: { petId, email: uniqueEmail("sweep-invitee") } },
    ownerToken,
  );
  if (!invited.data) throw new Error(`fixture failed: inviteCoOwner: ${JSON.stringify(invited.errors)}`);
  return { a: { invitationId: invited.data.inviteCoOwner.id } };
}
