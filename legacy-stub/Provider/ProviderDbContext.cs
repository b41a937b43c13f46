using Microsoft.EntityFrameworkCore;

namespace LegacyStub.Provider;

/// <summary>
/// OpenIddict's applications, authorizations and tokens, in an in-memory SQLite database that lives as long as
/// the provider: real stores, so client secrets are hashed and an authorization code is redeemed only once.
/// </summary>
internal sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
