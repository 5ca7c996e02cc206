using Slipway.Components.Images;

namespace Slipway.Components.Tests.Images;

public class OciLabelsTests
{
    private static readonly DateTimeOffset s_created = new(2026, 11, 28, 5, 6, 7, 123, TimeSpan.FromHours(2));

    [Fact]
    public void All_known_values_become_labels_with_created_in_utc()
    {
        var labels = OciLabels.For(new ImageProvenance("acme-orders", "1.2.3", "0123abc", s_created, "https://github.com/acme/orders", "MIT"));

        Assert.Equal(
            [
                new("org.opencontainers.image.title", "acme-orders"),
                new("org.opencontainers.image.version", "1.2.3"),
                new("org.opencontainers.image.revision", "0123abc"),
                new("org.opencontainers.image.created", "2026-11-28T03:06:07Z"),
                new("org.opencontainers.image.source", "https://github.com/acme/orders"),
                new KeyValuePair<string, string>("org.opencontainers.image.licenses", "MIT"),
            ],
            labels);
    }

    [Fact]
    public void Unknown_values_are_left_out()
    {
        var labels = OciLabels.For(new ImageProvenance("acme-orders", null, null, s_created, null, " "));

        Assert.Equal([OciLabels.Title, OciLabels.Created], labels.Select(l => l.Key));
    }
}
