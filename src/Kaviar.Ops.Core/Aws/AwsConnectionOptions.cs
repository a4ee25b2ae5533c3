using Amazon.Runtime;

namespace Kaviar.Ops.Aws;

/// <summary>What the caller said about credentials, region and endpoint, in the order it takes precedence.</summary>
public sealed class AwsConnectionOptions
{
    /// <summary>-Region.</summary>
    public string? Region { get; set; }

    /// <summary>The region of the ARNs the command was given: wins over every default, never over -Region.</summary>
    public string? ArnRegion { get; set; }

    /// <summary>-AccessKey (with <see cref="SecretKey"/>, and <see cref="SessionToken"/> for temporary credentials).</summary>
    public string? AccessKey { get; set; }

    /// <summary>-SecretKey: held as a secret, never shown.</summary>
    public Kernel.SecretValue? SecretKey { get; set; }

    /// <summary>-SessionToken: held as a secret, never shown.</summary>
    public Kernel.SecretValue? SessionToken { get; set; }

    /// <summary>-Credential: credentials an AWS.Tools command or Get-AWSCredential made.</summary>
    public AwsKeys? Credential { get; set; }

    /// <summary>-ProfileLocation: a credentials file other than the shared one.</summary>
    public string? ProfileLocation { get; set; }

    /// <summary>-ProfileName.</summary>
    public string? ProfileName { get; set; }

    /// <summary>-EndpointUrl: one endpoint for every service (the simulated account, LocalStack, a VPC endpoint).</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>The shell default set by Set-DefaultAWSRegion ($StoredAWSRegion).</summary>
    public string? ShellRegion { get; set; }

    /// <summary>The shell default set by Set-AWSCredential ($StoredAWSCredentials), when it held credentials.</summary>
    public AwsKeys? ShellCredentials { get; set; }

    /// <summary>The shell default set by Set-AWSCredential ($StoredAWSCredentials), when it held a profile name.</summary>
    public string? ShellProfileName { get; set; }
}
