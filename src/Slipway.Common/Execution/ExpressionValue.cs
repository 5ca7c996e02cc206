using System.Linq.Expressions;
using System.Reflection;

namespace Slipway.Execution;

/// <summary>
/// The value of a requirement or condition expression. Almost every one names a member of the build or of a closure
/// (<c>() => Registry</c>, <c>() => IsLocalBuild</c>): such a member is read through reflection, which costs a run far less
/// at start-up than compiling the expression. Anything else is compiled (interpreted). Either way an exception the member
/// throws arrives wrapped in a <see cref="TargetInvocationException"/>.
/// </summary>
internal static class ExpressionValue
{
    public static object? Of(LambdaExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var body = expression.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : expression.Body;
        if (body is MemberExpression { Expression: ConstantExpression { Value: { } target } } member)
        {
            switch (member.Member)
            {
                case PropertyInfo property when property.GetIndexParameters().Length == 0:
                    return property.GetValue(target);
                case FieldInfo field:
                    return field.GetValue(target);
            }
        }
        return expression.Compile(preferInterpretation: true).DynamicInvoke();
    }

    /// <summary>The value of a condition; an exception it throws arrives as it was thrown.</summary>
    public static bool IsTrue(Expression<Func<bool>> condition)
    {
        try
        {
            return Of(condition) is true;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
    }
}
