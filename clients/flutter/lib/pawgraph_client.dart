/// Pawgraph's GraphQL client for Flutter: the shared operations, typed by graphql_codegen, on the
/// `graphql` client with auth, token refresh and graphql-ws subscriptions.
library pawgraph_client;

export 'graphql/schema.graphql.dart';
export 'graphql/operations/bookings.graphql.dart';
export 'graphql/operations/ehr.graphql.dart';
export 'graphql/operations/identity.graphql.dart';
export 'graphql/operations/messaging.graphql.dart';
export 'graphql/operations/notifications.graphql.dart';
export 'graphql/operations/pets.graphql.dart';
export 'graphql/operations/realtime.graphql.dart';
export 'src/pawgraph_client.dart';
export 'src/scalars.dart';
export 'src/tokens.dart';
