using Slipway.Common.Tests.PublicApi;

namespace Slipway.Components.Tests.PublicApi;

/// <summary>
/// Slipway.Components' public API is what builds and other components use: every change to it shows up here as a diff
/// against <c>Slipway.Components.api.txt</c> and is accepted on purpose (<c>SLIPWAY_ACCEPT_API=1</c>).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_API_matches_the_approved_snapshot() =>
        ApiSnapshot.Verify(typeof(IPublish).Assembly, "tests/Slipway.Components.Tests/PublicApi/Slipway.Components.api.txt");
}
