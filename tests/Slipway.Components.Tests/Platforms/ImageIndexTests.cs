using Slipway.Components.PlatformJobs;
using Slipway.Components.Platforms;

namespace Slipway.Components.Tests.Platforms;

public class ImageIndexTests
{
    // The index BuildKit 0.13 (Docker 26.1) wrote for `buildx build --platform linux/amd64,linux/arm64 --output type=oci`.
    private const string BuildKitIndex = """
        {
          "schemaVersion": 2,
          "mediaType": "application/vnd.oci.image.index.v1+json",
          "manifests": [
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "sha256:ecaa2249f54ccb8a3c2eeb89d246d41739b112daf1d259efa4b61901edf9a16c",
              "size": 561,
              "platform": {
                "architecture": "amd64",
                "os": "linux"
              }
            },
            {
              "mediaType": "application/vnd.oci.image.manifest.v1+json",
              "digest": "sha256:e46737f6b702c3eb3ae8a6abcf9cc270f63b640a75acd05ee8b1c8dc282bca84",
              "size": 561,
              "platform": {
                "architecture": "arm64",
                "os": "linux"
              }
            }
          ]
        }
        """;

    [Fact]
    public void The_merged_index_is_byte_for_byte_the_one_BuildKit_writes()
    {
        var (body, digest) = ImageIndex.Write([
            (new PlatformImage("linux/amd64", "sha256:ecaa2249f54ccb8a3c2eeb89d246d41739b112daf1d259efa4b61901edf9a16c", "sha256:c1"), 561, ImageIndex.ManifestMediaType),
            (new PlatformImage("linux/arm64", "sha256:e46737f6b702c3eb3ae8a6abcf9cc270f63b640a75acd05ee8b1c8dc282bca84", "sha256:c2"), 561, ImageIndex.ManifestMediaType),
        ]);

        Assert.Equal(BuildKitIndex.ReplaceLineEndings("\n"), ImageIndex.Text(body));
        Assert.Equal("sha256:a2b8630610ac19b8e685efec9dd29816fefcfc89badeefb4a394e137f21bcd43", digest);
    }
}
