using Slipway.Hosts;
using Slipway.IO;
using Slipway.Parameters;

namespace Slipway.Execution;

internal sealed class BuildSession
{
    public required AbsolutePath RootDirectory { get; init; }
    public required Host Host { get; init; }
    public required ParameterSet Parameters { get; init; }
    public void ReportSummary(string note) => throw new NotImplementedException();
}
