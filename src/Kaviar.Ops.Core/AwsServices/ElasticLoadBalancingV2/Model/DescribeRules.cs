#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class DescribeRulesRequest : AmazonElasticLoadBalancingV2Request
{
    public string ListenerArn { get; set; }

    public List<string> RuleArns { get; set; }

    public string Marker { get; set; }

    public int? PageSize { get; set; }
}

public class DescribeRulesResponse : AmazonWebServiceResponse
{
    public List<Rule> Rules { get; set; }

    public string NextMarker { get; set; }
}
