#nullable disable

using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;

public class ModifyListenerRequest : AmazonElasticLoadBalancingV2Request
{
    public string ListenerArn { get; set; }

    public int? Port { get; set; }

    public string Protocol { get; set; }

    public List<Action> DefaultActions { get; set; }
}

public class ModifyListenerResponse : AmazonWebServiceResponse
{
    public List<Listener> Listeners { get; set; }
}
