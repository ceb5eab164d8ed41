import { ApolloError } from "@apollo/client";

/** What to show for a failed request: the API's own message (it is written for people), or a plain one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApolloError) {
    if (error.graphQLErrors[0]) return error.graphQLErrors[0].message;
    if (error.networkError) return "Pawgraph cannot be reached. Check your connection and try again.";
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}
