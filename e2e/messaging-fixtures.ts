import { StartConversationDocument } from "../clients/__generated__/graphql";
import { ownerWithPet } from "./bookings-fixtures";
import { execute, registerClinic, registerClinicMember, type Stack } from "./harness";

/** An owner, their pet, a clinic's vet, and a conversation the owner started with the clinic about the pet. */
export async function startedConversation(
  stack: Stack,
  message: { subject: string; text: string } = { subject: "Limping", text: "Rex limps since yesterday." },
) {
  const { owner, petId, petName } = await ownerWithPet(stack);
  const { clinicId } = await registerClinic(stack);
  const vet = await registerClinicMember(stack, clinicId, "VET");
  const started = await execute(
    stack.gateway.url,
    StartConversationDocument,
    { input: { clinicId, petId, ...message } },
    owner.token,
  );
  if (!started.data) throw new Error(JSON.stringify(started.errors));
  return { owner, vet, clinicId, petId, petName, conversationId: started.data.startConversation.id };
}
