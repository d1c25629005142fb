export const id = 119;
export const ids = [119];
export const modules = {

/***/ 2119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   connect: () => (/* binding */ connect)
/* harmony export */ });
/* unused harmony export CloudFront */
/* harmony import */ var _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3169);

/**
 * The CloudFront calls invalidate-cdn makes, each labelled with what it attempts; the run's call
 * layer (src/common/aws.ts) binds them to the run's AbortSignal and counts them. The only module
 * that loads the SDK: main.ts imports it dynamically, so the bundle starts without parsing the
 * client. Throttling and transient errors are retried by the SDK's adaptive retry mode first;
 * what outlasts it is retried by the caller until the timeout.
 */
class CloudFront {
    calls;
    client;
    constructor(calls) {
        this.calls = calls;
        this.client = calls.client(_aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__/* .CloudFrontClient */ .GHk);
    }
    async getDistribution(id) {
        const out = await this.calls.send(`read CloudFront distribution ${id}`, (o) => this.client.send(new _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__/* .GetDistributionCommand */ .seO({ Id: id }), o));
        return out.Distribution ?? {};
    }
    /** Every distribution of the account, all pages. */
    async listDistributions() {
        return this.calls.all('list the CloudFront distributions of the account', (o) => (0,_aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__/* .paginateListDistributions */ .zQE)({ client: this.client }, {}, o), (page) => page.DistributionList?.Items);
    }
    /**
     * The distribution's invalidations, newest first, page by page until a page holds none in
     * progress: those in progress are the newest, so older pages cannot hold any that still count.
     */
    async recentInvalidations(distributionId) {
        const out = [];
        for await (const page of this.calls.pages(`list invalidations of distribution ${distributionId}`, (o) => (0,_aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__/* .paginateListInvalidations */ .bnq)({ client: this.client }, { DistributionId: distributionId }, o))) {
            const items = page.InvalidationList?.Items ?? [];
            out.push(...items);
            if (!items.some((i) => i.Status !== 'Completed'))
                break;
        }
        return out;
    }
    async getInvalidation(distributionId, id) {
        const out = await this.calls.send(`read invalidation ${id} of distribution ${distributionId}`, (o) => this.client.send(new _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__/* .GetInvalidationCommand */ .Wwh({ DistributionId: distributionId, Id: id }), o));
        return out.Invalidation ?? {};
    }
    async createInvalidation(distributionId, items, callerReference) {
        const out = await this.calls.send(`create an invalidation of ${items.length} ${items.length === 1 ? 'path' : 'paths'} on distribution ${distributionId}`, (o) => this.client.send(new _aws_sdk_client_cloudfront__WEBPACK_IMPORTED_MODULE_0__/* .CreateInvalidationCommand */ .Yo6({
            DistributionId: distributionId,
            InvalidationBatch: {
                CallerReference: callerReference,
                Paths: { Quantity: items.length, Items: items },
            },
        }), o));
        return out.Invalidation ?? {};
    }
}
function connect(calls) {
    return new CloudFront(calls);
}


/***/ })

};
