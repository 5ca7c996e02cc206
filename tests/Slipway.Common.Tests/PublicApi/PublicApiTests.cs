namespace Slipway.Common.Tests.PublicApi;

/// <summary>
/// Slipway.Common's public API is what component authors build on: every change to it shows up here as a diff against
/// <c>Slipway.Common.api.txt</c> and is accepted on purpose (<c>SLIPWAY_ACCEPT_API=1</c>).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void Public_API_matches_the_approved_snapshot() =>
        ApiSnapshot.Verify(typeof(SlipwayBuild).Assembly, "tests/Slipway.Common.Tests/PublicApi/Slipway.Common.api.txt");
}
