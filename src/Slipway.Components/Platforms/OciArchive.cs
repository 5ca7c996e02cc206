namespace Slipway.Components.Platforms;

/// <summary>
/// What an OCI archive of a layout's image carries (see <see cref="OciLayout.Archive"/>): the blobs sent, and how much of
/// the image they are.
/// </summary>
/// <param name="Layout">The layout the files come from.</param>
/// <param name="Blobs">The digests of the blobs in the archive, besides <c>oci-layout</c> and <c>index.json</c>.</param>
/// <param name="Bytes">Their size.</param>
/// <param name="ImageBlobs">How many blobs the image reaches that the layout holds.</param>
/// <param name="ImageBytes">Their size.</param>
internal sealed record OciArchive(OciLayout Layout, IReadOnlyList<string> Blobs, long Bytes, int ImageBlobs, long ImageBytes)
{
    /// <summary>True when the archive carries every blob of the image.</summary>
    public bool IsWhole => Blobs.Count == ImageBlobs;

    /// <summary>Writes the archive as a PAX tar to <paramref name="destination"/>, streamed: what <c>docker load</c> reads.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return Layout.WriteArchiveAsync(this, destination, cancellationToken);
    }
}
