namespace Slipway.Components.Dockerfiles;

/// <summary>A credential written into a file, found by <see cref="CredentialFileKind"/>.</summary>
/// <param name="Line">The 1-based line of the file that holds it.</param>
/// <param name="Description">What it is, e.g. <c>a literal ClearTextPassword for the source 'private'</c>.</param>
internal sealed record FileCredential(int Line, string Description);
