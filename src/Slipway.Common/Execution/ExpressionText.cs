using System.Linq.Expressions;
using System.Text.RegularExpressions;

namespace Slipway.Execution;

/// <summary>Readable text of a condition or parameter expression: <c>() => value(Build).IsLocalBuild</c> becomes <c>IsLocalBuild</c>.</summary>
internal static partial class ExpressionText
{
    public static string Of(LambdaExpression expression)
    {
        var text = expression.Body.ToString();
        text = ClosureReference().Replace(text, "");
        text = ConvertCall().Replace(text, "$1");
        text = NotCall().Replace(text, "!$1");
        return text;
    }

    public static string MemberName(LambdaExpression expression)
    {
        var body = expression.Body is UnaryExpression { NodeType: ExpressionType.Convert } u ? u.Operand : expression.Body;
        return body is MemberExpression m ? m.Member.Name : Of(expression);
    }

    [GeneratedRegex(@"value\([^)]*\)\.")]
    private static partial Regex ClosureReference();

    [GeneratedRegex(@"Convert\(([^,()]+), [^)]+\)")]
    private static partial Regex ConvertCall();

    [GeneratedRegex(@"Not\(([\w.]+)\)")]
    private static partial Regex NotCall();
}
