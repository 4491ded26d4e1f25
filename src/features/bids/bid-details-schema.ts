// The bidder's details form: its rules are shared with the bids spreadsheet import, so they live
// with the services (services/bid-details-rules.ts).
export { BidDetailsForm, detailsFromForm, FLAG_ANSWERS, formFromDetails, type BidDetailsFormValues } from '../../services/bid-details-rules';
