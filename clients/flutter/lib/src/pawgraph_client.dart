import 'dart:async';

import 'package:graphql/client.dart';

import '../graphql/operations/identity.graphql.dart';
import '../graphql/schema.graphql.dart';
import 'tokens.dart';

/// Pawgraph's GraphQL client: queries and mutations over HTTP with the access token, subscriptions
/// over graphql-ws on the same URL, and one token refresh when the API answers UNAUTHENTICATED.
///
/// Use [graphql] with the generated helpers, e.g. `client.graphql.query$Me()`.
class PawgraphClient {
  PawgraphClient({
    required Uri endpoint,
    TokenStore? tokens,
    this.onSignedOut,
    GraphQLCache? cache,
  })  : _tokens = tokens ?? MemoryTokenStore(),
        // The refresh mutation goes out on its own link: no token, no retry of itself.
        _bare = GraphQLClient(link: HttpLink(endpoint.toString()), cache: GraphQLCache()) {
    _socket = _SocketLink(() => WebSocketLink(
          endpoint.replace(scheme: endpoint.scheme == 'https' ? 'wss' : 'ws').toString(),
          // The gateway speaks graphql-ws's protocol (graphql-transport-ws), not the legacy one.
          subProtocol: GraphQLProtocol.graphqlTransportWs,
          config: SocketClientConfig(
            autoReconnect: true,
            // graphql-transport-ws has no server keep-alive messages to time out on.
            inactivityTimeout: null,
            // Read on every (re)connect, so a reconnect after a refresh carries the new token.
            initialPayload: () async {
              final current = await _tokens.read();
              return current == null ? <String, dynamic>{} : {'authorization': 'Bearer ${current.accessToken}'};
            },
          ),
        ));
    final http = AuthLink(getToken: () async {
      final current = await _tokens.read();
      return current == null ? null : 'Bearer ${current.accessToken}';
    }).concat(HttpLink(endpoint.toString()));
    final refresh = ErrorLink(
      onGraphQLError: (request, forward, response) =>
          _unauthenticated(response.errors) ? _afterRefresh(request, forward, () => Stream.value(response)) : null,
      // The gateway answers a rejected token with HTTP 401, which HttpLink raises as an exception.
      onException: (request, forward, exception) => exception is HttpLinkServerException &&
              (exception.response.statusCode == 401 || _unauthenticated(exception.parsedResponse?.errors))
          ? _afterRefresh(request, forward, () => Stream.error(exception))
          : null,
    );
    graphql = GraphQLClient(
      link: Link.from([refresh, Link.split((request) => request.isSubscription, _socket, http)]),
      cache: cache ?? GraphQLCache(),
    );
  }

  final TokenStore _tokens;
  final GraphQLClient _bare;
  late final _SocketLink _socket;

  /// The client to run the generated operations with.
  late final GraphQLClient graphql;

  /// Called when the session cannot be refreshed (it ended, or the refresh token was already used):
  /// show the sign-in screen.
  final void Function()? onSignedOut;

  Future<bool>? _refreshing;

  /// Keeps the tokens from `login` (or `verifyMfa`) and reconnects the socket as the new person.
  Future<void> signIn(Tokens tokens) async {
    await _tokens.write(tokens);
    _socket.reconnect();
  }

  /// Forgets the tokens (call `logout` with the refresh token first to end the session on the server).
  Future<void> signOut() async {
    await _tokens.write(null);
    _socket.reconnect();
    await graphql.resetStore(refetchQueries: false);
  }

  /// Trades the refresh token for new tokens. Concurrent callers share one refresh: a refresh token
  /// works once, and a second use would end the session.
  Future<bool> refreshSession() => _refreshing ??= _refresh().whenComplete(() => _refreshing = null);

  Future<bool> _refresh() async {
    final current = await _tokens.read();
    if (current == null) return false;
    final result = await _bare.mutate$RefreshSession(Options$Mutation$RefreshSession(
      variables: Variables$Mutation$RefreshSession(
        input: Input$RefreshSessionInput(refreshToken: current.refreshToken),
      ),
      fetchPolicy: FetchPolicy.noCache,
    ));
    final session = result.parsedData?.refreshSession;
    if (session == null) {
      final refused = _unauthenticated(result.exception?.graphqlErrors) ||
          (result.exception?.linkException is HttpLinkServerException &&
              (result.exception!.linkException as HttpLinkServerException).response.statusCode == 401);
      // Offline or the server failing is not the end of the session: keep the tokens and try later.
      if (refused) {
        await _tokens.write(null);
        onSignedOut?.call();
      }
      return false;
    }
    await _tokens.write(Tokens(accessToken: session.accessToken, refreshToken: session.refreshToken));
    // Subscriptions authorised by the old token end with UNAUTHENTICATED when it expires; the new
    // socket carries the new one.
    _socket.reconnect();
    return true;
  }

  /// The request again after a refresh (the original outcome when there is nothing to refresh with).
  /// A subscription that ended with UNAUTHENTICATED is subscribed again on the new socket.
  Stream<Response> _afterRefresh(Request request, NextLink forward, Stream<Response> Function() original) async* {
    if (await refreshSession()) {
      yield* forward(request);
    } else {
      yield* original();
    }
  }

  static bool _unauthenticated(List<GraphQLError>? errors) =>
      errors?.any((error) => error.extensions?['code'] == 'UNAUTHENTICATED') ?? false;

  Future<void> dispose() => _socket.dispose();
}

/// The WebSocket link, replaced by a new connection when the person or their token changes.
class _SocketLink extends Link {
  _SocketLink(this._create) : _link = _create();

  final WebSocketLink Function() _create;
  WebSocketLink _link;

  void reconnect() {
    final previous = _link;
    _link = _create();
    unawaited(previous.dispose());
  }

  @override
  Stream<Response> request(Request request, [NextLink? forward]) => _link.request(request, forward);

  @override
  Future<void> dispose() => _link.dispose();
}
