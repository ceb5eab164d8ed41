/// The signed-in person's tokens, from `login` (`...Session`) or `refreshSession`.
class Tokens {
  const Tokens({required this.accessToken, required this.refreshToken});

  /// Sent as `Authorization: Bearer …` on HTTP and in the WebSocket's `connection_init`. Short-lived.
  final String accessToken;

  /// Traded once for new tokens by `refreshSession`: single use, and reusing one ends the session.
  final String refreshToken;
}

/// Where the client keeps the tokens. Keep them in the platform's secure storage in an app
/// (flutter_secure_storage, the Keychain, the Android Keystore), never in plain preferences.
abstract class TokenStore {
  Future<Tokens?> read();
  Future<void> write(Tokens? tokens);
}

/// Tokens in memory only: signed out when the app stops. For tests and a first run.
class MemoryTokenStore implements TokenStore {
  Tokens? _tokens;

  @override
  Future<Tokens?> read() async => _tokens;

  @override
  Future<void> write(Tokens? tokens) async => _tokens = tokens;
}
