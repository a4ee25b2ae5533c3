#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.SecretsManager.Model;

public class ListSecretsRequest : AmazonSecretsManagerRequest
{
    public int? MaxResults { get; set; }

    public string NextToken { get; set; }
}

public class ListSecretsResponse : AmazonWebServiceResponse
{
    public List<SecretListEntry> SecretList { get; set; }

    public string NextToken { get; set; }
}

public class SecretListEntry
{
    public string ARN { get; set; }

    public string Name { get; set; }
}
