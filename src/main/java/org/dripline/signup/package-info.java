/** Double opt-in sign-up: the form, the API, the confirmation mail and its rate limits. */
package org.dripline.signup;
