using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Components.Attestations;
using Slipway.Components.Signing;

namespace Slipway.Components.Release;

/// <summary>What Verify found: every check that failed (empty when the image passed), and a one-line account.</summary>
internal sealed record VerificationResult(string Reference, IReadOnlyList<string> Problems, string Summary)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>The failure, naming every problem and the reference.</summary>
    public string FailureMessage =>
        $"{Reference} did not verify:{Environment.NewLine}" + string.Join(Environment.NewLine, Problems.Select(p => "  - " + p));
}

/// <summary>
/// Checks a published digest: its signature against the key (or keyless identity), every attestation Slipway attaches
/// (present, signed, about this digest), and that the newest scan verdict passed and is younger than the limit.
/// </summary>
internal static class ImageVerifier
{
    public static async Task<VerificationResult> VerifyAsync(Cosign cosign, string reference, CosignVerifier verifier, TimeSpan maxVerdictAge,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cosign);
        ArgumentNullException.ThrowIfNull(reference);
        var digest = reference[(reference.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var problems = new List<string>();
        var signature = await cosign.VerifyAsync(reference, verifier, cancellationToken);
        if (!signature.Passed)
        {
            problems.Add($"signature: {signature.Problem}");
            // Without a valid signature the attestations, signed by the same key, cannot verify either: say so once.
            return new VerificationResult(reference, problems, "not verified");
        }

        var found = new List<string>();
        string? verdictNote = null;
        foreach (var (type, name) in PredicateTypes.Required)
        {
            var (statements, check) = await cosign.VerifyAttestationsAsync(reference, verifier, type, cancellationToken);
            if (!check.Passed)
            {
                problems.Add($"{name}: {check.Problem}");
                continue;
            }
            var about = statements.Where(s => IsAbout(s, digest)).ToList();
            if (about.Count == 0)
            {
                problems.Add($"{name}: no signed {type} attestation is about {digest}");
                continue;
            }
            found.Add(name);
            if (type != PredicateTypes.ScanVerdict) continue;

            var newest = about.Select(s => ScanVerdictPredicate.Read(s["predicate"])).Where(v => v is not null).Select(v => v!.Value)
                .OrderByDescending(v => v.ScannedAt).FirstOrDefault();
            if (newest == default)
            {
                problems.Add($"{name}: the attestation has no passed/scannedAt fields");
                continue;
            }
            var age = now - newest.ScannedAt;
            if (!newest.Passed) problems.Add($"{name}: the newest verdict ({Time(newest.ScannedAt)}) failed with {newest.Blocking} blocking finding(s)");
            else if (age > maxVerdictAge)
                problems.Add($"{name}: the newest verdict is {Age(age)} old ({Time(newest.ScannedAt)}), older than --max-verdict-age {Age(maxVerdictAge)}; run Rescan --attach-verdict");
            verdictNote = $"verdict {(newest.Passed ? "passed" : "failed")}, {Age(age)} old";
        }
        var summary = problems.Count == 0 ? $"verified: signature, {string.Join(", ", found)} ({verdictNote})" : "not verified";
        return new VerificationResult(reference, problems, summary);
    }

    private static bool IsAbout(JsonObject statement, string digest) =>
        statement["subject"] is JsonArray subjects && subjects.OfType<JsonObject>().Any(s =>
            s["digest"]?["sha256"]?.GetValue<string>() is { } hex && string.Equals("sha256:" + hex, digest, StringComparison.Ordinal));

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Age(TimeSpan age) => age.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0.#} d")
        : age.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0.#} h")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):0} s");
}
