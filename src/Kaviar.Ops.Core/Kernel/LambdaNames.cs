namespace Kaviar.Ops.Kernel;

/// <summary>A Lambda function as the user names it: a name (optionally with :version or :alias) or an ARN.</summary>
public static class LambdaNames
{
    /// <summary>
    /// The function named by <paramref name="input"/>; an ARN keeps its qualifier in the name
    /// (arn:aws:lambda:region:account:function:name[:qualifier] → name[:qualifier]) and its region.
    /// </summary>
    public static ResourceReference Function(string? input, string parameter = "-FunctionName") =>
        ResourceReference.Parse(ResourceKind.LambdaFunction, input, parameter, arn => arn.ResourcePath);
}
