using Slipway.Components.References;
using Slipway.Components.Registry;

namespace Slipway.Components.Tests.Registry;

public class PinnedReferencesTests
{
    private const string Old = "mcr.microsoft.com/dotnet/sdk:10.0.401-noble@sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Stale = "mcr.microsoft.com/dotnet/sdk:10.0.401-noble@sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string New = "mcr.microsoft.com/dotnet/sdk:10.0.402-noble@sha256:3333333333333333333333333333333333333333333333333333333333333333";

    [Fact]
    public void Every_pin_of_the_same_image_and_tag_moves_whatever_its_digest()
    {
        var text = $"image: '{Old}'\nother: \"{Stale}\"\n";

        var replaced = PinnedReferences.Replace(text, [(ImageReference.Parse(Old), New)]);

        Assert.Equal($"image: '{New}'\nother: \"{New}\"\n", replaced);
    }

    [Theory]
    [InlineData("image: mcr.microsoft.com/dotnet/sdk:10.0.401-noble")] // not pinned: left to the team
    [InlineData("image: mcr.microsoft.com/dotnet/sdk:10.0.401@sha256:1111111111111111111111111111111111111111111111111111111111111111")] // another tag
    [InlineData("image: mirror.example/mcr.microsoft.com/dotnet/sdk:10.0.401-noble@sha256:1111111111111111111111111111111111111111111111111111111111111111")] // another name
    [InlineData("image: mcr.microsoft.com/dotnet/aspnet:10.0.401-noble@sha256:1111111111111111111111111111111111111111111111111111111111111111")]
    public void Other_references_are_left_as_they_are(string text) =>
        Assert.Equal(text, PinnedReferences.Replace(text, [(ImageReference.Parse(Old), New)]));
}
